// The optimiser's Web Worker (src/optimiser.rs starts it, scripts/optimiser-build.mjs puts it beside its wasm
// module in optimiser-<hash>/). It fits FSRS parameters off the page's thread, so reviews go on meanwhile;
// the page cancels by terminating it. Messages in: {kind: 'fit', log, now} or {kind: 'workload', settings,
// parameters, cards}; out: {kind: 'step', step} while fitting, then {kind: 'fit', fit} or {kind: 'workload',
// workload}, all as the module's JSON strings; {kind: 'failed', reason} if the module cannot run.
import init, { fit, workload } from './optimiser.js';

const ready = init({ module_or_path: new URL('optimiser_bg.wasm', import.meta.url) });

self.onmessage = async ({ data }) => {
  try {
    await ready;
    if (data.kind === 'fit') {
      const result = fit(data.log, data.now, (step) => self.postMessage({ kind: 'step', step }));
      self.postMessage({ kind: 'fit', fit: result });
    } else if (data.kind === 'workload') {
      self.postMessage({ kind: 'workload', workload: workload(data.settings, data.parameters, data.cards) });
    }
  } catch (error) {
    self.postMessage({ kind: 'failed', reason: String(error) });
  }
};
