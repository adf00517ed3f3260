return EventStream.EventStreamProject.Run(args);
