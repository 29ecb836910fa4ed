-- Every score in the database by assessment and area (what an import would add to or replace).
SELECT assessment_id, area_id, score FROM score ORDER BY assessment_id, area_id;
