// nginx on loopback as the load balancer in front of several feige
// nodes (docs/scale.md "Deployment"; ../shared/testing.md: nginx-light,
// run with -c FILE, pid and error_log in a temp dir). One worker, in
// the foreground as a child of the test (daemon off), on a free port,
// round-robin over the nodes.
//
// proxy_next_upstream is nginx's default, "error timeout": a request
// nginx could not hand to a node (connection refused: a killed node)
// goes to the next one; a request a node took and died on is NOT
// retried (POST is not idempotent, and the node may have committed
// it): nginx answers 502, which is not a 200 and is not counted.
// Every reply carries X-Upstream ($upstream_addr, "addr[, addr]" when
// nginx tried more than one), so a test knows which node answered.
import { spawn } from 'node:child_process';
import { mkdtemp, writeFile, rm, chmod, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { request } from './http.mjs';
import { freePort } from './smtp.mjs';
import { waitFor } from './wait.mjs';

/**
 * nginx in front of nodes (each with .port): {base, port, errorLog(),
 * stop()}; stop() is SIGQUIT (graceful) and removes its dir.
 */
export async function startNginx(nodes) {
  const dir = await mkdtemp(path.join(tmpdir(), 'feige-nginx-'));
  await chmod(dir, 0o755); // the worker may run as nobody (root's master)
  const port = await freePort();
  const servers = nodes.map((n) => `\t\tserver 127.0.0.1:${n.port} max_fails=1 fail_timeout=60s;`).join('\n');
  const conf = `worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log;
events { worker_connections 1024; }
http {
	access_log off;
	client_body_temp_path ${dir};
	proxy_temp_path ${dir};
	fastcgi_temp_path ${dir};
	uwsgi_temp_path ${dir};
	scgi_temp_path ${dir};
	upstream feige {
${servers}
	}
	server {
		listen 127.0.0.1:${port};
		location / {
			proxy_pass http://feige;
			proxy_next_upstream error timeout;
			proxy_connect_timeout 2s;
			proxy_read_timeout 30s;
			proxy_buffering off;
			add_header X-Upstream $upstream_addr always;
		}
	}
}
`;
  await writeFile(path.join(dir, 'nginx.conf'), conf);
  const proc = spawn('nginx', ['-p', dir, '-c', path.join(dir, 'nginx.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  let exit = null;
  proc.stderr.setEncoding('utf8');
  proc.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise((resolve) => proc.on('exit', (code, signal) => resolve((exit = { code, signal }))));
  proc.on('error', (e) => (stderr += e.message));
  const base = `http://127.0.0.1:${port}`;
  const errorLog = () => readFile(path.join(dir, 'error.log'), 'utf8').catch(() => '');
  try {
    await waitFor(async () => {
      if (exit) throw new Error(`nginx exited ${JSON.stringify(exit)}: ${stderr}${await errorLog()}`);
      return (await request(`${base}/healthz`, { timeoutMs: 2000 }).catch(() => ({}))).status === 200;
    }, 10000, { what: 'GET /healthz through nginx' });
  } catch (e) {
    proc.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
  return {
    base,
    port,
    errorLog,
    async stop() {
      if (!exit) {
        proc.kill('SIGQUIT');
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
