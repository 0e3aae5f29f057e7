import { randomUUID } from 'node:crypto';
import type { Language } from '../skills/contracts';
import { t } from '../skills/i18n';

export type ErrorCode = 'DB_UNAVAILABLE' | 'INTERNAL';

/** An unexpected failure, wrapped at the turn boundary with a code and an incident id. */
export class CodedError extends Error {
  readonly incidentId = newIncidentId();
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'CodedError';
  }
}

export function newIncidentId(): string {
  return `INC-${randomUUID().slice(0, 8).toUpperCase()}`;
}

const DB_DOWN = /ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|Connection terminated|SQLITE_CANTOPEN|SQLITE_BUSY|SQLITE_IOERR|database is locked|timeout exceeded when trying to connect|the database connection is not open|driver has already been destroyed/i;

/** Classifies an unknown failure; database outages get their own code so staff are told what is wrong. */
export function toCodedError(err: unknown): CodedError {
  if (err instanceof CodedError) return err;
  const text = errorText(err);
  if (DB_DOWN.test(text)) return new CodedError('DB_UNAVAILABLE', 'The customer database is not reachable', { cause: err });
  return new CodedError('INTERNAL', err instanceof Error ? err.message : String(err), { cause: err });
}

function errorText(err: unknown): string {
  const parts: string[] = [];
  let e: unknown = err;
  for (let depth = 0; e && depth < 5; depth += 1) {
    if (e instanceof Error) {
      parts.push(e.message, (e as { code?: string }).code ?? '');
      e = e.cause;
    } else {
      parts.push(String(e));
      break;
    }
  }
  if (err instanceof AggregateError) for (const inner of err.errors) parts.push(errorText(inner));
  return parts.join(' ');
}

/** The short, safe sentence a user sees; the details stay in the log under the incident id. */
export function userMessageFor(err: CodedError, lang: Language): string {
  if (err.code === 'DB_UNAVAILABLE')
    return t(lang, `The customer database is not reachable right now, so I can't answer. Please try again in a few minutes. Incident ${err.incidentId}.`,
      `客户数据库暂时无法连接,暂不能回答。请稍后再试。事件编号 ${err.incidentId}。`);
  return t(lang, `Sorry, something went wrong on my side and nothing was changed. Please try again; if it keeps happening, quote incident ${err.incidentId} to IT support.`,
    `抱歉,系统内部出错,未做任何更改。请重试;如持续出现,请向 IT 支持提供事件编号 ${err.incidentId}。`);
}
