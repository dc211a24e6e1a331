import { getInputProps, type FieldMetadata } from "@conform-to/react";
import { Trans } from "react-i18next";
import { Link } from "react-router";
import { FieldErrors } from "~/components/FormFields";

// The privacy consent every new account gives (sign-up, invitation, set-up). A hidden "off"
// goes first so an unticked box is still a submitted field and its message shows.
export function ConsentField({ field }: { field: FieldMetadata<unknown> }) {
  const props = getInputProps(field as FieldMetadata<string>, { type: "checkbox" });
  return (
    <div className="field field--checkbox">
      <input type="hidden" name={field.name} value="off" />
      <input {...props} key={props.key} defaultChecked={[field.initialValue ?? []].flat().includes("on")} />
      <label htmlFor={field.id}>
        <Trans i18nKey="signup.consent" components={{ privacyLink: <Link to="/privacy" target="_blank" /> }} />
      </label>
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
  );
}
