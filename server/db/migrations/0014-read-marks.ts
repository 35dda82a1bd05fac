/**
 * Read marks between the customer and the agents: how far an agent has read each conversation
 * (the widget shows the customer's messages up to there as read). How far the customer has read
 * the agents' replies on the widget is kept per reply in `channel_deliveries` (status 'read'), the
 * same rows platform channels use, so the desktop shows it as it shows any channel's delivery.
 */
export const name = 'read-marks';

export const sql = /* sql */ `
-- The highest message seq an agent has read in this conversation (0: never opened).
ALTER TABLE conversations ADD COLUMN agent_read_seq bigint NOT NULL DEFAULT 0;
`;
