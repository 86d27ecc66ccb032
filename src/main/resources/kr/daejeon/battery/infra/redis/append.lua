-- A plain append (a new conversation, a staff reply): store's keys and arguments.
return store(0)
