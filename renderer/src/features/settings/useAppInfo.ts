import type { AppInfo } from '../../../../shared/contracts/native.ts';
import { appInfo } from '../../bridge/index.ts';
import { useAsync, type AsyncState } from '../../lib/useAsync.ts';

/** Name, version and host of the running app. */
export function useAppInfo(): AsyncState<AppInfo> {
  return useAsync(() => appInfo(), []);
}
