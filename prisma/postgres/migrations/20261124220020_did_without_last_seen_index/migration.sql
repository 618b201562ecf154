-- DropIndex
DROP INDEX "Did_instance_scope_lastSeenAt_idx";
