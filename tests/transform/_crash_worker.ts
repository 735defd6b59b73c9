/**
 * Test worker: the real day worker, except that it dies (uncaught error) when its pass
 * holds 2024-01-03, after posting the reports of the days before it.
 */
import { handlePass, onMessage, workerScope } from "../../src/transform/day_worker.ts";
import type { WorkerMessage } from "../../src/transform/worker_pool.ts";

workerScope.onmessage = (e) =>
  onMessage(e.data, (request) => {
    const at = request.dates.indexOf("2024-01-03");
    if (at < 0) {
      handlePass(request, (m) => workerScope.postMessage(m));
      return;
    }
    const before = { ...request, dates: request.dates.slice(0, at) };
    const post = (m: WorkerMessage) => {
      if ("passDone" in m) throw new Error("worker died on purpose");
      workerScope.postMessage(m);
    };
    handlePass(before, post).catch((error) => {
      throw error;
    });
  });
