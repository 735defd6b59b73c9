/**
 * Test worker: the real day worker, except that it dies (uncaught error) on 2024-01-02.
 */
import { handleDay, onMessage, workerScope } from "../../src/transform/day_worker.ts";

workerScope.onmessage = (e) =>
  onMessage(e.data, (request) => {
    if (request.date === "2024-01-02") throw new Error("worker died on purpose");
    handleDay(request).then((report) => workerScope.postMessage(report));
  });
