// Studies: one folder each; re-exported here by topic.
export {};
