import { useMemo } from 'react'
import { useRouteLoaderData } from 'react-router'
import {
  DEFAULT_TIME_ZONE,
  formatDate,
  formatDateTime,
  formatDay,
  formatShortDate,
  today,
  zoneLabel,
  type DayKey,
} from '~/domain/calendar/dates'

type Instant = Date | string | number

/** The organisation's time zone, from the root loader (the same on the server and in the browser). */
export function useTimeZone(): string {
  const root = useRouteLoaderData('root') as { timeZone?: string } | undefined
  return root?.timeZone ?? DEFAULT_TIME_ZONE
}

/** Date formatters bound to the organisation's time zone. */
export function useDates() {
  const zone = useTimeZone()
  return useMemo(
    () => ({
      zone,
      date: (at: Instant) => formatDate(at, zone),
      shortDate: (at: Instant) => formatShortDate(at, zone),
      dateTime: (at: Instant, options?: { seconds?: boolean }) => formatDateTime(at, zone, options),
      zoneLabel: (at: Instant = Date.now()) => zoneLabel(at, zone),
      day: (key: DayKey, options?: { short?: boolean }) => formatDay(key, options),
      today: () => today(zone),
    }),
    [zone],
  )
}

const STYLES = {
  date: formatDate,
  shortDate: formatShortDate,
  dateTime: (at: Instant, zone: string) => formatDateTime(at, zone),
  dateTimeSeconds: (at: Instant, zone: string) => formatDateTime(at, zone, { seconds: true }),
}

/** One formatter in the organisation's zone, shaped like Intl.DateTimeFormat (`.format(at)`). */
export function useDateFormat(style: keyof typeof STYLES) {
  const zone = useTimeZone()
  return useMemo(() => ({ format: (at: Instant) => STYLES[style](at, zone) }), [style, zone])
}
