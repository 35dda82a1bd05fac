import nodemailer, { type Transporter } from 'nodemailer';
import type { ChannelRecord } from '../../domain/channels/channel-repository';

export type SmtpConfig = { host: string; port: number; secure?: boolean; user?: string };

/** An email channel's SMTP server from its config, or null when it has none. */
export function smtpConfigOf(channel: Pick<ChannelRecord, 'config'>): SmtpConfig | null {
  const smtp = channel.config.smtp as Partial<SmtpConfig> | undefined;
  if (!smtp || typeof smtp.host !== 'string' || !smtp.host || typeof smtp.port !== 'number' || !smtp.port) return null;
  return { host: smtp.host, port: smtp.port, secure: smtp.secure, user: smtp.user };
}

/** What identifies a transport: a changed server, user or password needs a new one. */
export function smtpTransportKey(channel: Pick<ChannelRecord, 'config' | 'secrets'>): string | null {
  const smtp = smtpConfigOf(channel);
  if (!smtp) return null;
  return JSON.stringify([smtp.host, smtp.port, smtp.secure ?? false, smtp.user ?? '', channel.secrets.smtpPassword ?? '']);
}

/** A nodemailer transport to the channel's SMTP server (config.smtp + secrets.smtpPassword), or null without one. */
export function createSmtpTransport(channel: Pick<ChannelRecord, 'config' | 'secrets'>): Transporter | null {
  const smtp = smtpConfigOf(channel);
  if (!smtp) return null;
  return nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure ?? false,
    ...(smtp.user ? { auth: { user: smtp.user, pass: channel.secrets.smtpPassword ?? '' } } : {}),
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
}

/** The address and display name mail from this channel carries. */
export function channelSender(channel: Pick<ChannelRecord, 'config' | 'name'>): { name: string; address: string } | null {
  const address = typeof channel.config.address === 'string' ? channel.config.address : null;
  if (!address) return null;
  return { name: typeof channel.config.fromName === 'string' ? channel.config.fromName : channel.name, address };
}
