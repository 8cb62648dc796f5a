/**
 * The page's first screen names the invoke channels from channels.ts (no zod, #18); the host checks
 * requests with api.ts's schemas. The two lists must be the same channels, once each.
 */
import { describe, expect, it } from 'vitest';
import { invokeSchemas } from '../../../shared/contract/api.ts';
import { INVOKE_CHANNELS } from '../../../shared/contract/channels.ts';
import { createHttpApi } from '../../../renderer/src/api/http-client.ts';

describe('invoke channels without their schemas', () => {
  it('lists every channel the host has a schema for, once', () => {
    expect([...INVOKE_CHANNELS].sort()).toEqual(Object.keys(invokeSchemas).sort());
    expect(new Set(INVOKE_CHANNELS).size).toBe(INVOKE_CHANNELS.length);
  });

  it('gives the browser client a function per channel', () => {
    const api = createHttpApi(() => Promise.reject(new Error('offline')));
    expect(Object.keys(api).sort()).toEqual(Object.keys(invokeSchemas).sort());
  });
});
