import type { Catalogue } from "../types";

// Every key starts with "mail.". English is the source text.
// E-mails (invitation, password reset): in the recipient's language when it
// is known, else in the language of whoever caused the mail.
export const mail = {
  "mail.hello": "Hello {name},",
  "mail.buttonFallback": "If the button does not work, copy this address into your browser:",
  "mail.reset.subject": "Reset your Concord password",
  "mail.reset.body": "Someone (we hope you) asked to reset the password of your Concord account. Choose a new password with the link below. It works once, for one hour.",
  "mail.reset.action": "Choose a new password",
  "mail.reset.footer": "If you did not ask for this, you can ignore this message: your password stays as it is.",
  "mail.invite.subject": "You are invited to Concord",
  "mail.invite.body": "{inviter} ({email}) has invited you to Concord, where international technical-cooperation programmes are tracked, as {roleAndScope}.",
  "mail.invite.roleFor": "{role} for {scope}",
  "mail.invite.until": "To accept, choose your password with the link below. It works once, until {until}.",
  "mail.invite.action": "Accept the invitation",
  "mail.invite.footer": "If you did not expect this invitation, you can ignore this message.",
} satisfies Catalogue;
