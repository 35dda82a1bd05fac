/**
 * What the customer wrote in a reply, without the quoted thread and signature their mail program
 * added: "> " lines, "On … wrote:" (Gmail, Apple Mail, also wrapped over two lines), Outlook's
 * "-----Original Message-----" and "From:/Sent:" header blocks, Chinese clients' "在…写道：",
 * "-----原始邮件-----" and "发件人：", and everything after the "-- " signature line.
 */
export function stripQuotedReply(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const trimmed = line.trim();
    const next = (lines[i + 1] ?? '').trim();
    if (line === '-- ' || line === '--') break;
    if (/^On\s.+\swrote:$/.test(trimmed) || (/^On\s.+/.test(trimmed) && /^.*wrote:$/.test(next) && !/wrote:$/.test(trimmed) && next.length < 80)) break;
    if (/^-{2,}\s*(Original Message|Forwarded message|原始邮件|原始郵件)\s*-{2,}$/i.test(trimmed)) break;
    if (/^在.{2,}写道[:：]$/.test(trimmed) || /^於.{2,}寫道[:：]$/.test(trimmed)) break;
    if (/^_{10,}$/.test(trimmed) && /^(From|发件人|寄件者)\s*[:：]/i.test(next)) break;
    if (/^(From|发件人|寄件者)\s*[:：]\s*\S/i.test(trimmed) && /^(Sent|Date|发送时间|日期|To|收件人)\s*[:：]/i.test(next)) break;
    if (/^>/.test(trimmed)) continue;
    kept.push(line);
  }
  return kept.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}
