"""Domain rules of the local server: records, keys and JWTs, users, codes, auth flows."""
