-- Journey steps are written a few thousand at a time when files are read. With the default
-- identity cache (32 on H2) the database commits its sequence every 32 steps — on an embedded H2
-- that writes every commit at once, that was most of a status file's cost. Cached ids lost in a
-- crash leave gaps, which mean nothing: the id only orders steps of the same moment.
alter table tracking_event alter column id set cache 1000;
