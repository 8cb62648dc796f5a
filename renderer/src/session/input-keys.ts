/**
 * A stable key per action button, so pending/error state attaches to the control that sent it.
 *
 * E.g. "CONTAIN:kill-switch", "TRIAGE", "COMMUNICATE". Panels pass the same key they read.
 */
import type { TeamInput } from '../../../shared/engine/inputs.ts';

export function inputKey(input: TeamInput): string {
  switch (input.type) {
    case 'CONTAIN':
      return `CONTAIN:${input.containmentId}`;
    case 'INVESTIGATE':
      return `INVESTIGATE:${input.investigationId}`;
    case 'PRESERVE_EVIDENCE':
      return `PRESERVE_EVIDENCE:${input.evidenceId}`;
    case 'REVEAL_HINT':
      return `REVEAL_HINT:${input.hintId}`;
    case 'ASSIGN_ROLE':
      return `ASSIGN_ROLE:${input.role}`;
    default:
      return input.type;
  }
}
