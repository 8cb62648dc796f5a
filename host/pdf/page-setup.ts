/** Page setup shared by both PDF printers (Chromium via playwright-core, and Electron). */

/** Page numbers centred at the foot of every page ("3 / 12"). */
export const FOOTER_TEMPLATE =
  '<div style="width:100%;font-size:8px;color:#555;text-align:center;font-family:sans-serif">' +
  '<span class="pageNumber"></span> / <span class="totalPages"></span></div>';

/** An empty header (Chromium prints the title and date when the template is left out). */
export const HEADER_TEMPLATE = '<div></div>';

/** A4 margins in millimetres, leaving room for the footer. */
export const MARGINS_MM = { top: 16, bottom: 18, left: 14, right: 14 } as const;
