/** #21: the library's scenario-pack buttons: export from a card, import from the header. */
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeApi, fixture, scenarioEntry } from './fake-api.ts';
import { renderApp } from './render-app.tsx';

describe('library: scenario packs', () => {
  it('exports a card’s scenario as a pack, and shows what the host said about an imported one', async () => {
    const { api } = createFakeApi();
    const entry = scenarioEntry('drill.yaml', fixture('drill.yaml'), false);
    api['scenarios:importPack'].mockResolvedValueOnce({
      entry,
      status: 'kept-both',
      message:
        'A different scenario with the id drill (v1, drill.yaml) is already there; the pack’s v2 is newer than it. Both are kept: the pack’s scenario was imported as drill-v2.',
    });
    const { user } = renderApp({ name: 'library' }, api);
    const card = await screen.findByRole('article', { name: 'Drill incident' });
    await user.click(within(card).getByRole('button', { name: 'Scenario pack' }));
    expect(api['scenarios:exportPack']).toHaveBeenCalledWith({ file: 'builtin:drill.yaml' });

    const pack = new File(['{"format":"firebreak-scenario-pack"}'], 'drill.firebreak-pack.json', { type: 'application/json' });
    await user.upload(screen.getByLabelText('Import a scenario pack (.firebreak-pack.json)'), pack);
    expect(api['scenarios:importPack']).toHaveBeenCalledWith({ text: '{"format":"firebreak-scenario-pack"}' });
    await screen.findByText(/Both are kept: the pack’s scenario was imported as drill-v2\./);

    // A refused pack: the host's reason, in the toast.
    await user.upload(screen.getByLabelText('Import a scenario pack (.firebreak-pack.json)'), pack);
    await screen.findByText(/Could not import drill.firebreak-pack.json: not a scenario pack/);
  }, 60_000);
});
