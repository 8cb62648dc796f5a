/** The files of one exercise folder (`<data>/exercises/<id>/`), shared by the store's modules. */
export const META_FILE = 'meta.json';
export const JOURNAL_FILE = 'journal.jsonl';
export const DEBRIEF_FILE = 'debrief.json';
/** The journal's header line, byte for byte: what a damaged header is recovered from. */
export const HEADER_FILE = 'journal.header';
/** Written by salvage(): what was recovered and what was lost, shown with every load after. */
export const RECOVERY_FILE = 'recovery.json';
