// Where an attachment is served (decision 045). The file's name ends the address so a browser
// saves it under that name; only the id counts.
export const attachmentPath = (a: { id: number; fileName: string }) => `/attachments/${a.id}/${encodeURIComponent(a.fileName)}`;
