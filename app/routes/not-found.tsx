import { data } from "react-router";
import { ErrorPage } from "~/components/ErrorPage";

// Every URL no route claims: a real 404 status with the site's own page.
export async function loader() {
  throw data(null, { status: 404 });
}

export default function NotFound() {
  return <ErrorPage status={404} />;
}
