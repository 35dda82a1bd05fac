import * as m0001 from './0001-initial';
import * as m0002 from './0002-sync-floor';
import * as m0003 from './0003-routing';
import * as m0004 from './0004-supervision';
import * as m0005 from './0005-sensitive-words';
import * as m0006 from './0006-knowledge-bot';
import * as m0007 from './0007-channel-adapters';
import * as m0008 from './0008-template-categories';
import * as m0009 from './0009-user-deactivation';
import * as m0010 from './0010-contact-profile';
import * as m0011 from './0011-order-events';
import * as m0012 from './0012-routing-rescue';
import * as m0013 from './0013-channel-intake';
import * as m0014 from './0014-read-marks';
import * as m0015 from './0015-system-lines-and-generated-names';
import * as m0016 from './0016-sign-in-sessions';
import * as m0017 from './0017-bot-learning';
import * as m0018 from './0018-ai-provider';
import * as m0019 from './0019-mask-personal-data';
import * as m0020 from './0020-tickets';
import * as m0021 from './0021-ticket-working-set-indexes';
import * as m0022 from './0022-csat';
import * as m0023 from './0023-conversation-tags';
import * as m0024 from './0024-topics';
import * as m0025 from './0025-report-indexes';
import * as m0026 from './0026-weekly-report';
import * as m0027 from './0027-attachments';
import * as m0028 from './0028-server-nodes';
import * as m0029 from './0029-change-sequences';
import * as m0030 from './0030-uploads';
import * as m0032 from './0032-playable-voice';
import * as m0033 from './0033-rate-limit-counts';
import * as m0034 from './0034-routing-scan-indexes';

export type Migration = { version: number; name: string; sql: string };

/** Every migration in order. Append only: never edit one that has shipped. */
export const migrations: readonly Migration[] = [
  { version: 1, ...m0001 },
  { version: 2, ...m0002 },
  { version: 3, ...m0003 },
  { version: 4, ...m0004 },
  { version: 5, ...m0005 },
  { version: 6, ...m0006 },
  { version: 7, ...m0007 },
  { version: 8, ...m0008 },
  { version: 9, ...m0009 },
  { version: 10, ...m0010 },
  { version: 11, ...m0011 },
  { version: 12, ...m0012 },
  { version: 13, ...m0013 },
  { version: 14, ...m0014 },
  { version: 15, ...m0015 },
  { version: 16, ...m0016 },
  { version: 17, ...m0017 },
  { version: 18, ...m0018 },
  { version: 19, ...m0019 },
  { version: 20, ...m0020 },
  { version: 21, ...m0021 },
  { version: 22, ...m0022 },
  { version: 23, ...m0023 },
  { version: 24, ...m0024 },
  { version: 25, ...m0025 },
  { version: 26, ...m0026 },
  { version: 27, ...m0027 },
  { version: 28, ...m0028 },
  { version: 29, ...m0029 },
  { version: 30, ...m0030 },
  { version: 32, ...m0032 },
  { version: 33, ...m0033 },
  { version: 34, ...m0034 },
];
