/** The export bar shows where a PDF is in the host's print queue while it waits. */
import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { FirebreakApi } from '../../shared/contract/api.ts';
import { AppEnvContext, type AppEnv } from '../../renderer/src/app-env.ts';
import { ExportBar } from '../../renderer/src/debrief/export-bar.tsx';

describe('PDF export progress', () => {
  it('says how many exports are ahead, then that it is printing, then where it was saved', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      let finish!: () => void;
      const exported = new Promise<void>((r) => (finish = r));
      const progress = vi.fn<FirebreakApi['report:progress']>().mockResolvedValueOnce({ state: 'waiting', ahead: 2 }).mockResolvedValue({ state: 'printing' });
      const api = {
        'report:progress': progress,
        'report:export': vi.fn(async () => {
          await exported;
          return { fileName: 'aar.pdf', savedTo: '/reports/aar.pdf', base64: null, mime: 'application/pdf' };
        }),
      } as unknown as FirebreakApi;
      const env = { api, wallClock: null, room: null, openProjector: async () => undefined } as unknown as AppEnv;
      render(
        <AppEnvContext.Provider value={env}>
          <ExportBar exerciseId="ex-1" beforeExport={async () => undefined} />
        </AppEnvContext.Provider>,
      );
      await userEvent.setup({ advanceTimers: vi.advanceTimersByTime }).click(screen.getByRole('button', { name: 'PDF' }));
      await act(() => vi.advanceTimersByTimeAsync(500));
      expect(screen.getByText('Waiting for the printer (2 ahead)…')).toBeTruthy();
      await act(() => vi.advanceTimersByTimeAsync(500));
      expect(screen.getByText('Printing the PDF…')).toBeTruthy();
      const ticket = (api['report:export'] as ReturnType<typeof vi.fn>).mock.calls[0]![0].ticket as string;
      expect(progress).toHaveBeenCalledWith({ ticket });
      await act(async () => finish());
      expect(await screen.findByText('Saved to /reports/aar.pdf')).toBeTruthy();
      expect(screen.queryByText('Printing the PDF…')).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });
});
