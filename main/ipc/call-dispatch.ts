// The one entry for calls from any renderer: validate, run, answer a Result. Used by the WebSocket
// server (browser mode) and the Electron IPC handler alike, so both modes refuse the same inputs.
import { err, parseCall, type CabinError, type CabinServer, type Result } from '../../contract';
import type { OperationLog } from '../log';

/**
 * Validates and runs one call; a refused or failing call is logged by method and code, never with its
 * data. Callers pass a log made with `summariseRepeats`: a renderer (or anything that reached the
 * API) can send refused calls as fast as it likes.
 */
export async function dispatchCall(
  server: CabinServer,
  log: OperationLog,
  method: unknown,
  params: unknown,
): Promise<Result<unknown, CabinError>> {
  const call = parseCall(method, params);
  if (!call.ok) {
    log.warn('api.refused', { code: call.error.code });
    return call;
  }
  try {
    // The union of calls is checked by parseCall; each method receives its own parameter type.
    const handler = server[call.value.method] as (
      params: unknown,
    ) => Result<unknown> | Promise<Result<unknown>>;
    const result = await handler(call.value.params);
    if (!result.ok) log.info('api.declined', { method: call.value.method, code: result.error.code });
    return result;
  } catch (error) {
    log.error('api.failed', {
      method: call.value.method,
      error: error instanceof Error ? error.name : 'unknown',
    });
    return err({ code: 'api.internalError' });
  }
}
