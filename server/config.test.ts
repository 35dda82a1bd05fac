import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configFromEnv } from './config';

describe('server configuration from the environment', () => {
  it('defaults to port 7340 on loopback with data in the home folder', () => {
    expect(configFromEnv({})).toEqual({
      port: 7340,
      host: '127.0.0.1',
      dataDir: path.join(os.homedir(), '.switchboard', 'server-data'),
      databaseUrl: undefined,
      cluster: { kind: 'single' },
      drainMs: 0,
    });
  });

  it('reads PORT, HOST, SWITCHBOARD_DATA_DIR and DATABASE_URL', () => {
    expect(configFromEnv({ PORT: '8080', HOST: '0.0.0.0', SWITCHBOARD_DATA_DIR: '/tmp/x', DATABASE_URL: 'postgres://u:p@h/db' })).toEqual({
      port: 8080, host: '0.0.0.0', dataDir: '/tmp/x', databaseUrl: 'postgres://u:p@h/db', cluster: { kind: 'single' }, drainMs: 0,
    });
  });

  it('reads the channels file and the SMTP listener for email channels', () => {
    expect(configFromEnv({ SWITCHBOARD_CHANNELS_FILE: 'channels.json', SWITCHBOARD_SMTP_PORT: '2525', HOST: '0.0.0.0' })).toMatchObject({
      channelsFile: path.resolve('channels.json'), smtp: { port: 2525, host: '0.0.0.0' },
    });
    expect(configFromEnv({ SWITCHBOARD_SMTP_PORT: '25', SWITCHBOARD_SMTP_HOST: '10.0.0.5' }).smtp).toEqual({ port: 25, host: '10.0.0.5' });
    expect(configFromEnv({})).not.toHaveProperty('smtp');
    expect(() => configFromEnv({ SWITCHBOARD_SMTP_PORT: 'smtp' })).toThrow(/SWITCHBOARD_SMTP_PORT/);
  });

  it('reads how many new widget visitors an address may bring each minute', () => {
    expect(configFromEnv({ SWITCHBOARD_NEW_VISITORS_PER_MINUTE: '120' }).newVisitorsPerMinute).toBe(120);
    expect(configFromEnv({})).not.toHaveProperty('newVisitorsPerMinute');
    expect(() => configFromEnv({ SWITCHBOARD_NEW_VISITORS_PER_MINUTE: '0' })).toThrow(/SWITCHBOARD_NEW_VISITORS_PER_MINUTE/);
  });

  it('reads the trusted reverse proxies; unset trusts none', () => {
    expect(configFromEnv({ SWITCHBOARD_TRUST_PROXY: '10.0.0.1, 10.1.0.0/16' }).trustProxy).toEqual({ ranges: ['10.0.0.1', '10.1.0.0/16'] });
    expect(configFromEnv({ SWITCHBOARD_TRUST_PROXY: '1' }).trustProxy).toEqual({ hops: 1 });
    expect(configFromEnv({})).not.toHaveProperty('trustProxy');
    expect(() => configFromEnv({ SWITCHBOARD_TRUST_PROXY: 'nginx' })).toThrow(/SWITCHBOARD_TRUST_PROXY/);
  });

  it('reads the public address survey links point to; a value without http(s) is refused', () => {
    expect(configFromEnv({ SWITCHBOARD_PUBLIC_URL: 'https://help.shop.example' }).publicUrl).toBe('https://help.shop.example');
    expect(configFromEnv({})).not.toHaveProperty('publicUrl');
    expect(() => configFromEnv({ SWITCHBOARD_PUBLIC_URL: 'help.shop.example' })).toThrow(/SWITCHBOARD_PUBLIC_URL/);
  });

  it('shares sockets through Redis when REDIS_URL is set, through PostgreSQL for several nodes without it', () => {
    const pgUrl = 'postgres://u@h/db';
    expect(configFromEnv({ DATABASE_URL: pgUrl, REDIS_URL: 'redis://127.0.0.1:6379' }).cluster).toEqual({ kind: 'redis', url: 'redis://127.0.0.1:6379' });
    expect(configFromEnv({ DATABASE_URL: pgUrl, REDIS_URL: 'redis://r:6379', SWITCHBOARD_REDIS_STREAM: 'shop-a' }).cluster).toEqual({ kind: 'redis', url: 'redis://r:6379', stream: 'shop-a' });
    expect(configFromEnv({ DATABASE_URL: pgUrl, SWITCHBOARD_NODES: '2' }).cluster).toEqual({ kind: 'postgres' });
    expect(configFromEnv({ DATABASE_URL: pgUrl, SWITCHBOARD_CLUSTER: 'postgres' }).cluster).toEqual({ kind: 'postgres' });
    expect(configFromEnv({ DATABASE_URL: pgUrl }).cluster).toEqual({ kind: 'single' });
    // A node of several waits for the load balancer to see it is not ready; a lone node need not.
    expect(configFromEnv({ DATABASE_URL: pgUrl, SWITCHBOARD_NODES: '2' }).drainMs).toBe(5_000);
    expect(configFromEnv({ SWITCHBOARD_DRAIN_MS: '250', SWITCHBOARD_NODE_LEASE_MS: '3000' })).toMatchObject({ drainMs: 250, nodeLeaseMs: 3000 });
  });

  it('refuses several nodes on PGlite and malformed node settings', () => {
    expect(() => configFromEnv({ REDIS_URL: 'redis://127.0.0.1:6379' })).toThrow(/PGlite serves one node only/);
    expect(() => configFromEnv({ SWITCHBOARD_NODES: '3' })).toThrow(/PGlite serves one node only/);
    expect(() => configFromEnv({ DATABASE_URL: 'postgres://u@h/db', REDIS_URL: 'http://redis' })).toThrow(/REDIS_URL/);
    expect(() => configFromEnv({ DATABASE_URL: 'postgres://u@h/db', SWITCHBOARD_CLUSTER: 'redis' })).toThrow(/needs REDIS_URL/);
    expect(() => configFromEnv({ SWITCHBOARD_DRAIN_MS: 'soon' })).toThrow(/SWITCHBOARD_DRAIN_MS/);
  });

  it('refuses a malformed port or database url', () => {
    expect(() => configFromEnv({ PORT: 'abc' })).toThrow(/PORT/);
    expect(() => configFromEnv({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
  });

  it('reads customer file limits in MiB and an S3 bucket, which needs its endpoint, name and both keys', () => {
    expect(configFromEnv({ SWITCHBOARD_FILE_MAX_MB: '20', SWITCHBOARD_FILE_QUOTA_MB: '1024' }).attachments).toEqual({
      limits: { maxFileBytes: 20 * 1024 * 1024, accountQuotaBytes: 1024 * 1024 * 1024 },
    });
    const s3 = {
      SWITCHBOARD_S3_ENDPOINT: 'http://minio:9000', SWITCHBOARD_S3_BUCKET: 'sb-files', SWITCHBOARD_S3_ACCESS_KEY_ID: 'AK', SWITCHBOARD_S3_SECRET_ACCESS_KEY: 'SK',
    };
    expect(configFromEnv(s3).attachments).toEqual({
      s3: { endpoint: 'http://minio:9000', bucket: 'sb-files', region: 'us-east-1', accessKeyId: 'AK', secretAccessKey: 'SK' },
    });
    expect(configFromEnv({ ...s3, SWITCHBOARD_S3_REGION: 'eu-west-1', SWITCHBOARD_S3_PREFIX: 'switchboard/' }).attachments?.s3).toMatchObject({ region: 'eu-west-1', prefix: 'switchboard/' });
    expect(configFromEnv({})).not.toHaveProperty('attachments');
    expect(() => configFromEnv({ SWITCHBOARD_S3_ENDPOINT: 'http://minio:9000' })).toThrow(/SWITCHBOARD_S3_BUCKET/);
    expect(() => configFromEnv({ ...s3, SWITCHBOARD_S3_ENDPOINT: 'minio:9000' })).toThrow(/SWITCHBOARD_S3_ENDPOINT/);
    expect(() => configFromEnv({ SWITCHBOARD_FILE_MAX_MB: 'lots' })).toThrow(/SWITCHBOARD_FILE_MAX_MB/);
    expect(() => configFromEnv({ SWITCHBOARD_FILE_QUOTA_MB: '0' })).toThrow(/SWITCHBOARD_FILE_QUOTA_MB/);
  });
});
