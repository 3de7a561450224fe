// The CloudWatch Logs service of one localgate: its bounded store, the provider the engine
// calls, and the sink the Lambda service writes function output to.
import type * as T from '../../models/logs.types.ts';
import { composeProvider } from '../../protocol/compose.ts';
import { EventsProvider } from './events.ts';
import { GroupsProvider, LogGroups } from './groups.ts';
import { LogsFunctionSink } from './sink.ts';
import { LogsStore } from './store.ts';

export type { FunctionLogRecord, FunctionLogSink } from './sink.ts';

export function createLogsService(maxEvents: number) {
  const store = new LogsStore(maxEvents);
  const groups = new LogGroups(store);
  return {
    store,
    provider: composeProvider<T.Operations>('logs', [new GroupsProvider(groups), new EventsProvider(groups)]),
    functionLogs: new LogsFunctionSink(groups),
    reset() {
      store.clear();
    },
  };
}
