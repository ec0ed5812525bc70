import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { EmailAttachment, EmailMessage, SlackMessage } from '@tandem/notify';
import type { ReportJobResult } from '@tandem/reports';

/** The report's first page in a Slack message: title, headline, the plain sentences, where the files are. */
export function slackAnnouncement(channel: string, report: ReportJobResult): SlackMessage {
  const sentences = report.summary.map((sentence) => `• ${sentence}`).join('\n');
  const files = report.paths.map((path) => `\`${path}\``).join(', ');
  return {
    channel,
    text: `${report.title}: ${report.headline}`,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: report.title.slice(0, 150) } },
      { type: 'section', text: { type: 'mrkdwn', text: `*${report.headline}*${sentences ? `\n${sentences}` : ''}` } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: `Full report: ${files}` }] },
    ],
  };
}

const CONTENT_TYPES: Record<string, string> = { '.html': 'text/html', '.md': 'text/markdown', '.pdf': 'application/pdf' };

/** The report as an email: the HTML report as the body when there is one, every file attached. */
export async function emailAnnouncement(to: readonly string[], report: ReportJobResult): Promise<EmailMessage> {
  const attachments: EmailAttachment[] = await Promise.all(
    report.paths.map(async (path) => ({ filename: basename(path), content: await readFile(path), contentType: CONTENT_TYPES[extname(path)] })),
  );
  const html = attachments.find((attachment) => attachment.contentType === 'text/html');
  return {
    to,
    subject: report.title,
    text: [report.headline, '', ...report.summary, '', `Files: ${report.paths.join(', ')}`].join('\n'),
    ...(html && { html: html.content.toString() }),
    attachments,
  };
}
