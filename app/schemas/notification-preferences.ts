import { z } from "zod";
import { message as m } from "~/i18n/translate";
import { DIGEST_FREQUENCIES, NOTIFICATION_CHANNELS, NOTIFICATION_KINDS } from "~/notifications/kinds";

// /account/notifications: per kind of notification, how it reaches the user
// besides the inbox, and how often the digest comes ("DEFAULT": the role's).
// Client-safe: the browser and the action check the same.

const channel = z.enum(NOTIFICATION_CHANNELS, { errorMap: () => ({ message: m("notifications.v.channel") }) });

export const NotificationPreferencesFormSchema = z.object({
  // A kind the form did not show (not the user's role) keeps its default.
  channels: z.object(Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, channel.optional()])) as Record<(typeof NOTIFICATION_KINDS)[number], z.ZodOptional<typeof channel>>),
  digestFrequency: z.enum(["DEFAULT", ...DIGEST_FREQUENCIES], { errorMap: () => ({ message: m("notifications.v.frequency") }) }),
});
export type NotificationPreferencesForm = z.infer<typeof NotificationPreferencesFormSchema>;
