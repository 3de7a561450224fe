// The CloudWatch Logs service of one localgate: its bounded store, the provider the engine
// calls, and the sink the Lambda service writes function output to.
import type * as T from '../../models/logs.types.ts';
import { composeProvider } from '../../protocol/compose.ts';
import { EventsProvider } from './events.ts';
import { GroupsProvider, LogGroups } from './groups.ts';
import { LogsFunctionSink } from './sink.ts';
import { LogsStore } from './store.ts';

export type { FunctionLogRecord, FunctionLogSink } from './sink.ts';

/** `onNewFunctionStream`: function output went to a log stream not written before (sink.ts). */
export function createLogsService(maxEvents: number, onNewFunctionStream?: () => void) {
  const store = new LogsStore(maxEvents);
  const groups = new LogGroups(store);
  const functionLogs = new LogsFunctionSink(groups, onNewFunctionStream);
  const provider = composeProvider<T.Operations>('logs', [new GroupsProvider(groups), new EventsProvider(groups)]);
  // Function output is stored in batches: every operation sees what was written before it.
  for (const [name, operation] of Object.entries(provider) as Array<[string, (...args: unknown[]) => unknown]>) {
    (provider as Record<string, unknown>)[name] = (...args: unknown[]) => {
      functionLogs.flush();
      return operation(...args);
    };
  }
  return {
    store,
    provider,
    functionLogs,
    reset() {
      functionLogs.clear();
      store.clear();
    },
  };
}
