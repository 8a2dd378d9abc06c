namespace ZeroFs.ObjectStore;

/// <summary>The operations of <see cref="IObjectStore"/>, for fault plans, logs and metrics.</summary>
public enum ObjectStoreOperation
{
    /// <summary><see cref="IObjectStore.GetAsync"/>.</summary>
    Get,

    /// <summary><see cref="IObjectStore.HeadAsync"/>.</summary>
    Head,

    /// <summary><see cref="IObjectStore.PutAsync"/>, and the completion of an upload (<see cref="IObjectUpload.CompleteAsync"/>).</summary>
    Put,

    /// <summary><see cref="IObjectStore.ListAsync"/> (one step per call, however many pages).</summary>
    List,

    /// <summary><see cref="IObjectStore.DeleteAsync"/>.</summary>
    Delete,

    /// <summary><see cref="IObjectUpload.WritePartAsync"/> (one step per part).</summary>
    UploadPart,
}
