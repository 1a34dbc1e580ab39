/** The three web pages of the Slack install: "Add to Slack", installed (what to do next), and something went wrong. */

export function installPageHtml(authorizeUrl: string): string {
  return page(
    'Add smsdesk to Slack',
    `<p>smsdesk sends SMS from Slack with <code>/sms send</code> and keeps each send's status live in the channel.</p>
<p><a class="button" href="${escapeHtml(authorizeUrl)}">Add to Slack</a></p>`,
  )
}

export function installedPageHtml(teamName: string | null): string {
  const where = teamName ? ` to <strong>${escapeHtml(teamName)}</strong>` : ''
  return page(
    'smsdesk is installed',
    `<p>smsdesk was added${where}.</p>
<p>Next, link the workspace to your SMS account: in any channel, type</p>
<pre>/sms connect &lt;api key&gt;</pre>
<p>with an API key from the smsdesk user portal (the key is not stored in Slack and never shown again).
Then try <code>/sms help</code>. Invite the bot to a channel (<code>/invite @smsdesk</code>) to follow sends live there.</p>`,
  )
}

/** Nothing about why beyond what the person can act on: internals stay in the log. */
export function installFailedPageHtml(startAgain: boolean): string {
  return page(
    'The install did not finish',
    startAgain
      ? '<p>This install link has expired, was already used, or was started in another browser. <a href="/slack/install">Start again</a>.</p>'
      : '<p>Slack did not confirm the install. Please <a href="/slack/install">try again</a> in a minute.</p>',
  )
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5}
pre,code{background:#f3f3f3;padding:.1rem .3rem;border-radius:3px}pre{padding:.6rem}
.button{display:inline-block;background:#4a154b;color:#fff;padding:.6rem 1.2rem;border-radius:4px;text-decoration:none}</style>
</head><body><h1>${escapeHtml(title)}</h1>
${body}
</body></html>`
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}
