// Worker thread entry: owns the file database's one connection and answers SqliteRequests in
// order, so SQLite never runs on the gateway's event loop.
import { parentPort, workerData } from 'node:worker_threads';
import { PackedRows } from './packed-rows.ts';
import { SqliteConnection } from './sqlite-connection.ts';
import { toWireError, type SqliteReply, type SqliteRequest, type SqliteWorkerData } from './sqlite-protocol.ts';

const port = parentPort;
if (port === null) throw new Error('sqlite-worker.ts runs as a worker thread only');
const { path } = workerData as SqliteWorkerData;

// An open failure (bad path, permissions) is answered to every call rather than crashing the
// worker, so the caller sees SQLite's own message.
let conn: SqliteConnection | Error | null = null;
function connection(): SqliteConnection {
  if (conn === null) {
    try {
      conn = new SqliteConnection(path);
    } catch (err) {
      conn = err instanceof Error ? err : new Error(String(err));
    }
  }
  if (conn instanceof Error) throw conn;
  return conn;
}

function execute(req: SqliteRequest): unknown {
  switch (req.op) {
    case 'query': return connection().query(req.sql, req.params);
    case 'run': return connection().run(req.sql, req.params);
    case 'insertRows': return connection().insertRows(req.table, req.columns, PackedRows.fromData(req.rows), req.conflictColumn);
    case 'migrate': return connection().migrate(req.migrations);
    case 'close':
      if (conn instanceof SqliteConnection) conn.close();
      return undefined;
  }
}

port.on('message', (req: SqliteRequest) => {
  let reply: SqliteReply;
  try {
    reply = { id: req.id, ok: true, value: execute(req) };
  } catch (err) {
    reply = { id: req.id, ok: false, error: toWireError(err) };
  }
  port.postMessage(reply);
});
