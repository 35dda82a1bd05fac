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
    });
  });

  it('reads PORT, HOST, SWITCHBOARD_DATA_DIR and DATABASE_URL', () => {
    expect(configFromEnv({ PORT: '8080', HOST: '0.0.0.0', SWITCHBOARD_DATA_DIR: '/tmp/x', DATABASE_URL: 'postgres://u:p@h/db' })).toEqual({
      port: 8080, host: '0.0.0.0', dataDir: '/tmp/x', databaseUrl: 'postgres://u:p@h/db',
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

  it('refuses a malformed port or database url', () => {
    expect(() => configFromEnv({ PORT: 'abc' })).toThrow(/PORT/);
    expect(() => configFromEnv({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
  });
});
