// Where notifications live. Plain module: routes, components and mail use it.
export const NOTIFICATIONS_PATH = "/notifications";
export const NOTIFICATION_SETTINGS_PATH = "/notifications/settings";
export const WATCH_PATH = "/notifications/watch";
/** Marks it read and goes where it leads. */
export const openNotificationPath = (id: number) => `/notifications/${id}`;
export const unsubscribePath = (token: string) => `/notifications/unsubscribe/${token}`;
