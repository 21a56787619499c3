-- The console's message log at 100,000+ exchanges (ConsoleQueryBenchmark): indexes for the filters that V6 and V8
-- left to row-by-row reads. Each is (criteria..., received_at): InnoDB keeps the entries in (criteria, received_at,
-- id) order, so a page newest or oldest first is read from one end of the index and stopped, and the count the
-- paginator shows is a range of index entries, never a scan of the table.
-- sender AND recipient (and a member with its counterpart, one side of it each)
CREATE INDEX ix_exchange_pair_time ON exchange_message (sender_member, recipient_member, received_at);
-- document type, alone or with a time range (the rare types otherwise cost a walk of the time index)
CREATE INDEX ix_exchange_type_time ON exchange_message (document_type, received_at);
-- a member state's (or one side's) exchanges in a delivery status: its failed deliveries, say
CREATE INDEX ix_exchange_sender_status_time ON exchange_message (sender_member, delivery_status, received_at);
CREATE INDEX ix_exchange_recipient_status_time ON exchange_message (recipient_member, delivery_status, received_at);
