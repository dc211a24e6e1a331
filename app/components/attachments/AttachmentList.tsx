import { attachmentPath } from "~/attachments/paths";
import type { AttachmentView } from "~/attachments/schemas";
import { useTranslation } from "~/components/use-translation";


/**
 * A post's files (decision 045): photos in the post with their description as alt text,
 * documents as download links that say name, type and size. An <img> from our own origin
 * with width and height (no layout shift), no inline style: the CSP stays as it is.
 */
export function AttachmentList({ attachments }: { attachments: AttachmentView[] | undefined }) {
  const { t, i18n } = useTranslation();
  if (!attachments?.length) return null;
  const images = attachments.filter((a) => a.kind === "image");
  const documents = attachments.filter((a) => a.kind === "document");
  return (
    <div className="attachments">
      {images.map((a) => (
        <figure key={a.id} className="attachments__image">
          <img
            src={attachmentPath(a)}
            alt={a.altText}
            width={a.width ?? undefined}
            height={a.height ?? undefined}
            loading="lazy"
            decoding="async"
          />
        </figure>
      ))}
      {documents.length ? (
        <ul className="attachments__documents" aria-label={t("attachments.listLabel")}>
          {documents.map((a) => (
            <li key={a.id}>
              <a href={attachmentPath(a)} download={a.fileName} className="attachments__download">
                {a.fileName}
              </a>{" "}
              <span className="meta">({t("attachments.size", { type: typeName(a.contentType), size: formatSize(a.byteSize, i18n.language) })})</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function typeName(contentType: string): string {
  return contentType === "application/pdf" ? "PDF" : (contentType.split("/")[1] ?? contentType).toUpperCase();
}

/** "840 kB", "1,2 MB": the units people know, in the page's language. */
export function formatSize(bytes: number, locale: string): string {
  const format = (n: number, digits: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(n);
  if (bytes < 1000 * 1000) return `${format(Math.max(1, Math.round(bytes / 1000)), 0)} kB`;
  return `${format(bytes / (1000 * 1000), 1)} MB`;
}
