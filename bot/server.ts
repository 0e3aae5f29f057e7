import fs from 'node:fs';
import path from 'node:path';
import restify from 'restify';
import type { CloudAdapter, TurnContext } from 'botbuilder';
import type { Logger } from './logger';

export interface HealthReport {
  status: 'ok' | 'degraded';
  [key: string]: unknown;
}

export interface ServerDeps {
  adapter: CloudAdapter;
  handleTurn: (context: TurnContext) => Promise<void>;
  health: () => Promise<HealthReport>;
  logger: Logger;
  maxBodyBytes: number;
  /** Staff list for the web page's identity picker; only offered when there is no Bot Framework auth. */
  devDirectory?: () => Promise<Array<{ id: string; name: string; role: string; branchId: string | null }>>;
  /** Static files of the web chat page. */
  webDir: string;
  /** Extra routes (exports, charts) registered by later features. */
  extraRoutes?: (server: restify.Server) => void;
}

const STATIC_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/** The HTTP edge: Bot Framework messages, health, and the local web chat page. */
export function createServer(deps: ServerDeps): restify.Server {
  const server = restify.createServer({ name: 'bank-copilot', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: deps.maxBodyBytes, mapParams: false, rejectUnknown: true }));

  server.post('/api/messages', async (req, res) => {
    const body = req.body as unknown;
    if (!body || typeof body !== 'object' || Array.isArray(body) || typeof (body as { type?: unknown }).type !== 'string') {
      res.status(400);
      res.json({ error: 'Expected a Bot Framework activity: a JSON object with a "type".' });
      return;
    }
    await deps.adapter.process(req, res, deps.handleTurn);
  });

  server.get('/healthz', async (_req, res) => {
    try {
      const report = await deps.health();
      res.status(report.status === 'ok' ? 200 : 503);
      res.json(report);
    } catch (err) {
      deps.logger.error('health check failed', { error: err });
      res.status(503);
      res.json({ status: 'degraded', error: 'health check failed' });
    }
  });

  if (deps.devDirectory) {
    const directory = deps.devDirectory;
    server.get('/api/dev/staff', async (_req, res) => {
      res.json({ staff: await directory() });
    });
  }

  const vendor: Record<string, string> = {
    'adaptivecards.js': require.resolve('adaptivecards/dist/adaptivecards.min.js'),
  };
  server.get('/vendor/:file', async (req, res) => {
    const file = vendor[String(req.params.file)];
    if (!file) {
      res.status(404);
      res.json({ error: 'not found' });
      return;
    }
    sendFile(res, file);
  });
  server.get('/', async (_req, res) => sendFile(res, path.join(deps.webDir, 'index.html')));
  server.get('/web/:file', async (req, res) => {
    const name = path.basename(String(req.params.file));
    const file = path.join(deps.webDir, name);
    if (!STATIC_TYPES[path.extname(name)] || !fs.existsSync(file)) {
      res.status(404);
      res.json({ error: 'not found' });
      return;
    }
    sendFile(res, file);
  });
  deps.extraRoutes?.(server);

  server.on('restifyError', (req, res, err, callback) => {
    if ((err as { statusCode?: number }).statusCode === 413) {
      err.toJSON = () => ({ error: `Request body too large: the limit is ${deps.maxBodyBytes} bytes.` });
    } else if ((err as { statusCode?: number }).statusCode === 400) {
      err.toJSON = () => ({ error: 'Malformed request: the body must be valid JSON.' });
    } else if (((err as { statusCode?: number }).statusCode ?? 500) >= 500) {
      deps.logger.error('request failed', { method: req.method, url: req.url, error: err });
      err.toJSON = () => ({ error: 'Internal error' });
    }
    void res;
    return callback();
  });
  return server;
}

function sendFile(res: restify.Response, file: string): void {
  const body = fs.readFileSync(file);
  res.writeHead(200, {
    'Content-Type': STATIC_TYPES[path.extname(file)] ?? 'application/octet-stream',
    'Content-Length': body.length,
    'Cache-Control': 'no-cache',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(body);
}

/** Starts listening; resolves with the bound port (useful with port 0 in tests). */
export function listen(server: restify.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.removeListener('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}
