/**
 * The room's view as the projector receives it from the host (built in host/session/projection.ts,
 * from what the room may see; the page never sees the run itself).
 */
export { downsample, type ProjectorView as RoomView, type PublicSignal as RoomSignal } from '../../../shared/contract/live.ts';
