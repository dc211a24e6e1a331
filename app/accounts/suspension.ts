// Plain module (forms in the browser and the server share it): how long a suspension may last
// at once (decision 027). Longer is a conversation, or an erasure.
export const MAX_SUSPENSION_DAYS = 365;
