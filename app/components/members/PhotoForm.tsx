import { useState } from "react";
import { Form } from "react-router";
import { FieldErrors } from "~/components/FormFields";
import { useTranslation } from "~/components/use-translation";
import { PHOTO_FIELD, PHOTO_LIMITS } from "~/members/schemas";
import { Avatar, type AvatarMember } from "./Avatar";

// The member's photo on their profile form: what shows with their name now, a file field to
// choose another, and a button to remove it. Two plain forms (the upload is multipart), so it
// works without JavaScript; the server checks everything. With JavaScript a file over the
// size limit is refused before it is sent, with the same message.

const MEGABYTE = 1024 * 1024;

export function PhotoForm({ member, error, done }: { member: NonNullable<AvatarMember>; error: string | null; done: "saved" | "removed" | null }) {
  const { t } = useTranslation();
  const [tooLarge, setTooLarge] = useState(false);
  const maxMb = PHOTO_LIMITS.maxBytes / MEGABYTE;
  const errors = tooLarge ? [`directory.photo.errors.tooLarge?max=${maxMb}`] : error ? [error] : undefined;
  const errorId = "photo-error";
  return (
    <section aria-labelledby="photo-heading" id="photo" className="photo-form">
      <h2 id="photo-heading">{t("directory.photo.heading")}</h2>
      <p>{t("directory.photo.intro")}</p>
      {done ? (
        <p className="alert alert--success" role="status">
          {done === "saved" ? t("directory.photo.saved") : t("directory.photo.removed")}
        </p>
      ) : null}
      <div className="photo-form__current">
        <Avatar member={member} size="profile" showPhoto />
        <p>{member.photoId !== null ? t("directory.photo.current") : t("directory.photo.none")}</p>
      </div>
      <Form
        method="post"
        encType="multipart/form-data"
        className="stack"
        onSubmit={(event) => {
          const file = (event.currentTarget.elements.namedItem(PHOTO_FIELD) as HTMLInputElement | null)?.files?.[0];
          const over = file !== undefined && file.size > PHOTO_LIMITS.maxBytes;
          setTooLarge(over);
          if (over) event.preventDefault();
        }}
      >
        {/* Before the file: the server reads the fields in order, and knows the form at once. */}
        <input type="hidden" name="intent" value="save-photo" />
        <div className="field">
          <label htmlFor="photo-file">{t("directory.photo.field")}</label>
          <p id="photo-hint" className="field__hint">
            {t("directory.photo.hint", { max: maxMb })}
          </p>
          <input
            id="photo-file"
            type="file"
            name={PHOTO_FIELD}
            accept={PHOTO_LIMITS.accept}
            aria-describedby={errors ? `photo-hint ${errorId}` : "photo-hint"}
            aria-invalid={errors ? true : undefined}
            onChange={() => setTooLarge(false)}
          />
          <FieldErrors id={errorId} errors={errors} />
        </div>
        <button type="submit" className="button">
          {t("directory.photo.submit")}
        </button>
      </Form>
      {member.photoId !== null ? (
        <Form method="post" className="photo-form__remove">
          <button type="submit" name="intent" value="remove-photo" className="button button--secondary">
            {t("directory.photo.remove")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}
