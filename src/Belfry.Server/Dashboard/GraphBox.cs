using Belfry.Core.Pipelines;

namespace Belfry.Server.Dashboard;

/// <summary>A step's box in a run's graph: its top-left corner in the drawing, its column (depth) and its state.</summary>
internal sealed record GraphBox(string StepId, PipelineStepState State, int Column, int X, int Y);
