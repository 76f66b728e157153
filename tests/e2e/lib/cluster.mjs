// Several feige nodes on one PostgreSQL database (docs/scale.md), for
// the tests of what they share: each node has its own data dir and
// config, all reach the first node's database (its store.url), and the
// later nodes reuse the first node's admin (printed once, on the first
// run). Only under make test-pg (ON_PG); on SQLite there is no cluster.
import { createFeige } from './feige.mjs';
import { ON_PG } from './pg.mjs';

export { ON_PG };

/** Start n nodes with config; returns the array (node 0 made the schema). */
export async function startCluster(n, { config = {} } = {}) {
  const nodes = [];
  try {
    for (let i = 0; i < n; i++) {
      const f = await createFeige({ config });
      if (i > 0) {
        f.storeDir = nodes[0].dataDir;
        f.admin = nodes[0].admin;
      }
      nodes.push(f);
      await f.start();
    }
  } catch (e) {
    await stopCluster(nodes);
    throw e;
  }
  return nodes;
}

/** Stop every node (SIGTERM, exit 0 expected), then remove their dirs; the first node's database last. */
export async function stopCluster(nodes) {
  let first;
  for (const f of [...nodes].reverse()) {
    try {
      await f.stop();
    } catch (e) {
      first = first || e;
    }
    await f.cleanup().catch(() => {});
  }
  if (first) throw first;
}
