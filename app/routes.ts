import { type RouteConfig, index, route } from "@react-router/dev/routes";

// URLs are English nouns (DESIGN.md); the pages speak the member's language.
// Exception: /toegankelijkheid is the name Dutch accessibility statements are expected at.
export default [
  index("routes/home.tsx"),
  // The page's language for the browser, one catalogue at a time (decision 046)
  route("i18n/:file", "routes/i18n.ts"),
  route("signup", "routes/signup.tsx"),
  route("login", "routes/login.tsx"),
  route("logout", "routes/logout.tsx"),
  route("account", "routes/account.tsx"),
  // Accounts by e-mail (decision 016): links from mail open a page; its button does the work
  route("signup/sent", "routes/signup.sent.tsx"),
  route("signup/confirm/:token", "routes/signup.confirm.tsx"),
  route("password/forgot", "routes/password.forgot.tsx"),
  route("password/reset/:token", "routes/password.reset.tsx"),
  route("account/password", "routes/account.password.tsx"),
  route("account/email", "routes/account.email.tsx"),
  route("account/email/confirm/:token", "routes/account.email.confirm.tsx"),
  // The member's AVG rights: their data as a zip, erasing the account (issue 21)
  route("account/data", "routes/account.data.tsx"),
  route("account/data/archive.zip", "routes/account.data.archive.ts"),
  route("account/erase", "routes/account.erase.tsx"),
  // Accepting a new version of the privacy statement; an admin erasing on request (026)
  route("privacy/accept", "routes/privacy.accept.tsx"),
  route("members/:handle/erase", "routes/member.erase.tsx"),
  route("invitations/:token", "routes/invitation.tsx"),
  route("setup/:token", "routes/setup.tsx"),
  // Running the circle: join mode, invitations, join requests, the mail the site sent
  route("circle", "routes/circle._index.tsx"),
  route("circle/settings", "routes/circle.settings.tsx"),
  route("circle/invitations", "routes/circle.invitations.tsx"),
  route("circle/requests", "routes/circle.requests.tsx"),
  route("circle/mail", "routes/circle.mail.tsx"),
  route("circle/mail/:id", "routes/circle.mail.$id.tsx"),
  route("circle/mail/:id/html", "routes/circle.mail.$id.html.ts"),
  route("language", "routes/language.tsx"),
  route("privacy", "routes/privacy.tsx"),
  route("privacy/register", "routes/privacy.register.tsx"),
  route("toegankelijkheid", "routes/accessibility.tsx"),
  // Competences and profiles
  route("competences", "routes/competences.tsx"),
  route("competences/new", "routes/competence-new.tsx"),
  route("competences/:slug", "routes/competence.tsx"),
  route("competences/:slug/edit", "routes/competence-edit.tsx"),
  route("members", "routes/members.tsx"),
  route("members/:handle", "routes/member.tsx"),
  route("members/:handle/photo/:photoId", "routes/member-photo.ts"),
  route("account/profile", "routes/account-profile.tsx"),
  // Dilemmas: list, ask, edit, history; the live helpers of the ask and edit forms
  route("dilemmas", "routes/dilemmas._index.tsx"),
  route("dilemmas/new", "routes/dilemmas.new.tsx"),
  route("dilemmas/similar", "routes/dilemmas.similar.ts"),
  route("dilemmas/preview", "routes/dilemmas.preview.ts"),
  route("dilemmas/:id/edit", "routes/dilemmas.$id.edit.tsx"),
  route("dilemmas/:id/revisions", "routes/dilemmas.$id.revisions.tsx"),
  // Dilemma page and its reply thread (the slug is cosmetic: a wrong or missing one redirects)
  route("dilemmas/:id/:slug?", "routes/dilemma.tsx"),
  route("replies/:id", "routes/reply-permalink.tsx"),
  route("replies/:id/edit", "routes/reply-edit.tsx"),
  route("replies/:id/revisions", "routes/reply-revisions.tsx"),
  route("replies/:id/quote", "routes/reply-quote.ts"), // "Citeer" with JavaScript (decision 038)
  // A post's photo or document, served with its post's visibility (decision 045)
  route("attachments/:id/:name", "routes/attachment.ts"),
  // The live thread (decision 029): a dilemma page's stream of new reply ids, one reply as JSON
  route("live/dilemmas/:id", "routes/live.dilemma.ts"),
  route("live/replies/:id", "routes/live.reply.ts"),
  // Meetings: the list, planning and writing, one meeting's agenda or report, its edit form,
  // and iCalendar (static "calendar.ics" outranks ":id")
  route("meetings", "routes/meetings._index.tsx"),
  route("meetings/new", "routes/meetings.new.tsx"),
  route("meetings/calendar.ics", "routes/meetings.calendar.ts"),
  route("meetings/:id", "routes/meetings.$id.tsx"),
  route("meetings/:id/edit", "routes/meetings.$id.edit.tsx"),
  route("meetings/:id/revisions", "routes/meetings.$id.revisions.tsx"),
  route("meetings/:id/calendar.ics", "routes/meetings.$id.calendar.ts"),
  // Search: the page, its JSON API (also search-as-you-type), the organisers' synonyms and misses
  route("search", "routes/search.tsx"),
  route("search/synonyms", "routes/search-synonyms.tsx"),
  route("search/misses", "routes/search-misses.tsx"),
  route("api/search", "routes/api.search.ts"),
  route("api/privacy-check", "routes/api.privacy-check.ts"),
  route("api/members/handles", "routes/api.members.handles.ts"),
  // Notifications: the bell's page, opening one, following, mail settings, one-click unsubscribe
  route("notifications", "routes/notifications.tsx"),
  route("notifications/settings", "routes/notifications.settings.tsx"),
  route("notifications/watch", "routes/notifications.watch.ts"),
  route("notifications/unsubscribe/:token", "routes/notifications.unsubscribe.tsx"),
  route("notifications/:id", "routes/notifications.$id.ts"),
  route("feeds/dilemmas", "routes/feeds.dilemmas.ts"),
  route("feeds/competences/:slug", "routes/feeds.competences.$slug.ts"),
  route("feeds/reports", "routes/feeds.reports.ts"),
  // Moderation: members flag a post and follow their flags; organisers work the queue and read
  // the audit trail (filtered on the page, or downloaded as CSV)
  route("flags", "routes/moderation.my-flags.tsx"),
  route("flags/:post/:id", "routes/moderation.flag.tsx"),
  route("moderation", "routes/moderation._index.tsx"),
  route("moderation/log", "routes/moderation.log.tsx"),
  route("moderation/log.csv", "routes/moderation.log-csv.ts"),
  route("moderation/members/:handle", "routes/moderation.member.tsx"),
  route("moderation/posts/:post/:id", "routes/moderation.post.tsx"),
  route("standing", "routes/moderation.standing.tsx"),
  route("*", "routes/not-found.tsx"),
] satisfies RouteConfig;
