/**
 * Test worker: the real day worker, except that it dies (uncaught error) on 2024-01-02.
 */
import { handleDay, workerScope } from "../../src/transform/day_worker.ts";
import type { DayRequest } from "../../src/transform/worker_pool.ts";

workerScope.onmessage = (e: MessageEvent<DayRequest>) => {
  if (e.data.date === "2024-01-02") throw new Error("worker died on purpose");
  handleDay(e.data).then((report) => workerScope.postMessage(report));
};
