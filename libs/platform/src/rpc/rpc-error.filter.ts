import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { throwError, type Observable } from 'rxjs';
import { toRpcErrorBody } from './to-rpc-error';

/**
 * Turns every error thrown by a message handler into a coded body the gateway can map,
 * instead of Nest's opaque "Internal server error".
 */
@Catch()
export class RpcErrorFilter implements ExceptionFilter<unknown> {
  private readonly logger = new Logger('Rpc');

  catch(error: unknown, host: ArgumentsHost): Observable<never> | void {
    if (host.getType() !== 'rpc') {
      // The service's own HTTP side (health, metrics): answer JSON with the same body.
      const body = toRpcErrorBody((error as { getStatus?: () => number })?.getStatus ? { status: (error as { getStatus: () => number }).getStatus(), code: 'http_error', message: (error as Error).message } : error);
      host.switchToHttp().getResponse().status(body.status).send(body);
      return;
    }
    const body = toRpcErrorBody(error);
    if (body.status >= 500) {
      const pattern = host.switchToRpc().getContext()?.getSubject?.() ?? 'unknown';
      this.logger.error(`${pattern} failed: ${(error as Error)?.stack ?? error}`);
    }
    return throwError(() => body);
  }
}
