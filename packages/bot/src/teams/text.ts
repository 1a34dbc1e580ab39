/** Teams message text → the neutral text the parser reads: the bot's own @mention removed, people as `<@id>`. */

import type { Activity } from 'botbuilder'

interface MentionEntity {
  type: string
  text?: string
  mentioned?: { id?: string; name?: string }
}

/** The text and the display names of the people mentioned in it (for answers like "Anna is now sender"). */
export function teamsToPlainText(activity: Pick<Activity, 'text' | 'entities' | 'recipient'>): {
  text: string
  names: Map<string, string>
} {
  let text = activity.text ?? ''
  const names = new Map<string, string>()
  for (const entity of (activity.entities ?? []) as MentionEntity[]) {
    if (entity.type !== 'mention' || !entity.text || !entity.mentioned?.id) continue
    const id = entity.mentioned.id
    if (entity.mentioned.name) names.set(id, entity.mentioned.name)
    text = text.split(entity.text).join(id === activity.recipient?.id ? ' ' : ` <@${id}> `)
  }
  return {
    text: text
      .replace(/<at>[^<]*<\/at>/g, ' ')
      .replace(/&nbsp;/g, ' ')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&')
      .trim(),
    names,
  }
}
