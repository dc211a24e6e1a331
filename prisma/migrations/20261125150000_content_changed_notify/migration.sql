-- Every committed change to what pages show announces itself on the channel
-- 'content_changed' (decision 010). Each server process listens and stops trusting the page
-- data it keeps in memory. Triggers, so writes from any path (the app, content:import, a
-- script, psql) announce themselves. Statement-level: one call per statement, whatever the
-- number of rows. Postgres sends the notification only when the transaction commits (never for
-- a rollback) and sends an identical notification only once per transaction.
-- Sessions, rate limits, search tables and jobs are not content: they do not announce.
CREATE FUNCTION "kk_announce_content_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('content_changed', '');
  RETURN NULL;
END $$;

DO $$
DECLARE
  content_table text;
BEGIN
  FOREACH content_table IN ARRAY ARRAY[
    'User', 'UserExpertise', 'Competence', 'CompetenceSlugRedirect',
    'Dilemma', 'DilemmaCompetence', 'Reply', 'Revision', 'Helpful',
    'Meeting', 'MeetingContributor', 'MeetingVote', 'MeetingDilemma'
  ] LOOP
    EXECUTE format(
      'CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I
         FOR EACH STATEMENT EXECUTE FUNCTION "kk_announce_content_changed"()',
      content_table || '_announces_change', content_table);
  END LOOP;
END $$;
