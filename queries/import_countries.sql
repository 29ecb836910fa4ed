-- Countries as membership rounds name them: ISO codes and names.
-- internal: for the coordinators' import and its checks; not published as a data twin
SELECT iso2, iso3, name_en, name_fr
FROM country
ORDER BY iso2;
