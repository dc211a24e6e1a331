// Where the Atom feeds live (decision 028). Plain module: routes, components and the server use it.
export const FEEDS_PATH = "/feeds";
export const DILEMMAS_FEED_PATH = `${FEEDS_PATH}/dilemmas`;
export const REPORTS_FEED_PATH = `${FEEDS_PATH}/reports`;
export const competenceFeedPath = (slug: string) => `${FEEDS_PATH}/competences/${slug}`;
export const withKey = (path: string, key: string) => `${path}?key=${key}`;
