/**
 * What the facilitator has chosen to share with the room beyond what the run itself makes public.
 *
 * Findings are the team's private knowledge until the facilitator shares them on the projector.
 */
import type { SliceCreator } from './slice.ts';

export interface RoomSlice {
  room: { sharedFindings: string[] };
  setFindingShared(findingId: string, shared: boolean): void;
  resetRoom(): void;
}

export const createRoomSlice: SliceCreator<RoomSlice> = (set) => ({
  room: { sharedFindings: [] },
  setFindingShared: (findingId, shared) =>
    set((s) => {
      const list = s.room.sharedFindings.filter((id) => id !== findingId);
      if (shared) list.push(findingId);
      s.room.sharedFindings = list;
    }),
  resetRoom: () => set({ room: { sharedFindings: [] } }),
});
