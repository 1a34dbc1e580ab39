/** Shapes shared by the status tables; kept apart so each group's table can be checked against them. */

export type StatusGroup = 'Info' | 'Success' | 'Rejection' | 'Error'

export type Lang = 'sv' | 'en'

/** A short explanation and what the customer can do about it. */
export interface StatusText {
  meaning: string
  action: string
}

/** The shape every catalogue row satisfies; the rows themselves stay literal (`as const`). */
export interface StatusDefinition {
  code: number
  name: string
  group: StatusGroup
  /** A final status never changes again. */
  final: boolean
  text: Record<Lang, StatusText>
}
